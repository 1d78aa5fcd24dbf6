namespace AmpsDevice.Packaging.Tests;

/// <summary>
/// The .deb that <c>packaging/build-deb</c> makes for the Raspberry Pi (arm64: the service and the dashboard Native AOT), built
/// once for every test, and its file list as <c>dpkg-deb --contents</c> reads it.
/// </summary>
public sealed class BuiltPackage : IDisposable
{
    private readonly string _directory = Shell.NewTempDirectory("ampsdevice-deb");
    private readonly Lazy<string> _service;

    public BuiltPackage()
    {
        _service = new Lazy<string>(ExtractService);
        var output = Shell.Succeed(Path.Combine(Shell.RepoRoot, "packaging", "build-deb"), ["--out", _directory]);
        Deb = output.Trim().Split('\n')[^1];
        Assert.True(File.Exists(Deb), $"build-deb said {Deb}");

        var entries = new Dictionary<string, PackageEntry>(StringComparer.Ordinal);
        foreach (var line in Shell.Succeed("dpkg-deb", ["--contents", Deb]).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // drwxr-xr-x root/root 0 2026-12-02 04:36 ./etc/     or    lrwxrwxrwx ... ./a -> /b
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var name = fields[5];
            string? target = null;
            var arrow = name.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow >= 0)
            {
                target = name[(arrow + 4)..];
                name = name[..arrow];
            }

            name = name.TrimStart('.').TrimEnd('/');
            if (name.Length > 0)
            {
                entries[name] = new PackageEntry(fields[0], fields[1], target);
            }
        }

        Entries = entries;
        Control = Shell.Succeed("dpkg-deb", ["--field", Deb])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith(' ') && l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
    }

    public string Deb { get; }

    /// <summary>Every path in the package (absolute, no trailing slash) with its mode string, owner and link target.</summary>
    public IReadOnlyDictionary<string, PackageEntry> Entries { get; }

    /// <summary>The control file's fields.</summary>
    public IReadOnlyDictionary<string, string> Control { get; }

    /// <summary>The repository builds a dashboard, so the package must carry it.</summary>
    public static bool RepositoryHasDashboard => Directory.Exists(Path.Combine(Shell.RepoRoot, "dashboard"))
        && Directory.EnumerateFiles(Path.Combine(Shell.RepoRoot, "dashboard"), "*.csproj").Any();

    /// <summary>
    /// A throwaway root with what a fresh Raspberry Pi OS has of the user database, the package unpacked into it
    /// (what dpkg does) and its maintainer scripts beside it in <c>DEBIAN</c> (outside the root).
    /// </summary>
    public InstalledRoot Unpack()
    {
        var dir = Shell.NewTempDirectory("ampsdevice-root");
        var root = Path.Combine(dir, "root");
        var etc = Path.Combine(root, "etc");
        Directory.CreateDirectory(etc);
        File.WriteAllText(Path.Combine(etc, "passwd"), "root:x:0:0:root:/root:/bin/bash\nmosquitto:x:101:102::/var/lib/mosquitto:/usr/sbin/nologin\n");
        File.WriteAllText(Path.Combine(etc, "group"), "root:x:0:\nmosquitto:x:102:\n");
        File.WriteAllText(Path.Combine(etc, "shadow"), "root:*:19000:0:99999:7:::\nmosquitto:*:19000:0:99999:7:::\n");
        File.WriteAllText(Path.Combine(etc, "gshadow"), "root:*::\nmosquitto:!::\n");
        File.WriteAllText(Path.Combine(etc, "hostname"), "amps-pi\n");
        var scripts = Path.Combine(dir, "DEBIAN");
        Shell.Succeed("dpkg-deb", ["--extract", Deb, root]);
        Shell.Succeed("dpkg-deb", ["--control", Deb, scripts]);
        return new InstalledRoot(root, scripts, this);
    }

    /// <summary>
    /// The packaged <c>/opt/ampsdevice</c>, extracted once, ready to run where it is: its <c>appsettings.json</c> link to
    /// <c>/etc/ampsdevice</c> replaced by the packaged file it points to.
    /// </summary>
    public string ServiceDirectory => _service.Value;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string ExtractService()
    {
        var root = Path.Combine(_directory, "service-root");
        Shell.Succeed("dpkg-deb", ["--extract", Deb, root]);
        var service = Path.Combine(root, "opt", "ampsdevice");
        var settings = Path.Combine(service, "appsettings.json");
        File.Delete(settings);
        File.Copy(Path.Combine(root, "etc", "ampsdevice", "appsettings.json"), settings);
        return service;
    }
}

/// <summary>Every test of the package shares one build of it (a publish for arm64 takes minutes).</summary>
[CollectionDefinition(Name)]
public sealed class BuiltPackageCollection : ICollectionFixture<BuiltPackage>
{
    public const string Name = "built package";
}

/// <param name="Mode">As <c>ls -l</c> shows it: <c>-rwxr-xr-x</c>, <c>drwxr-xr-x</c>, <c>lrwxrwxrwx</c>.</param>
/// <param name="Owner"><c>user/group</c>.</param>
/// <param name="LinkTarget">The target of a symbolic link, else null.</param>
public sealed record PackageEntry(string Mode, string Owner, string? LinkTarget);

/// <summary>A root directory with the package unpacked into it, and its maintainer scripts, run as dpkg runs them.</summary>
public sealed record InstalledRoot(string Root, string Scripts, BuiltPackage Package)
{
    /// <summary>Runs DEBIAN/<paramref name="script"/> with DPKG_ROOT set to the root, as <c>dpkg --root</c> does.</summary>
    public string RunScript(string script, params string[] args) =>
        Shell.Succeed(Path.Combine(Scripts, script), args, new Dictionary<string, string> { ["DPKG_ROOT"] = Root });

    public string PathOf(string absolute) => Path.Combine(Root, absolute.TrimStart('/'));

    /// <summary>What dpkg does on an upgrade: the new files over the old, conffiles the administrator kept untouched.</summary>
    public void UnpackAgain() => Shell.Succeed("dpkg-deb", ["--extract", Package.Deb, Root]);

    /// <summary>What dpkg does on removal: every packaged file that is not a conffile or a directory goes.</summary>
    public void RemovePackagedFiles()
    {
        var conffiles = File.ReadAllLines(Path.Combine(Scripts, "conffiles")).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, entry) in Package.Entries)
        {
            if (!entry.Mode.StartsWith('d') && !conffiles.Contains(name))
            {
                File.Delete(PathOf(name));
            }
        }
    }

    /// <summary>The fields of <paramref name="user"/>'s line in the root's passwd, group or similar file.</summary>
    public string[]? Line(string file, string name) => File.ReadAllLines(PathOf(file))
        .Select(l => l.Split(':'))
        .FirstOrDefault(f => f[0] == name);
}
