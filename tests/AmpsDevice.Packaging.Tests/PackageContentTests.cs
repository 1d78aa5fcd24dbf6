
namespace AmpsDevice.Packaging.Tests;

/// <summary>packaging/build-deb: what the .deb for the Raspberry Pi carries, and how it was built.</summary>
[Collection(BuiltPackageCollection.Name)]
public sealed class PackageContentTests(BuiltPackage package)
{
    [Fact]
    public void The_package_is_ampsdevice_for_arm64_and_depends_on_the_broker_and_libgpiod()
    {
        Assert.Equal("ampsdevice", package.Control["Package"]);
        Assert.Equal("arm64", package.Control["Architecture"]);
        Assert.Contains("mosquitto (>= 2.0)", package.Control["Depends"], StringComparison.Ordinal);
        Assert.Contains("libgpiod2", package.Control["Depends"], StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+$", package.Control["Version"]);
    }

    [Fact]
    public void It_installs_the_service_to_opt_its_configuration_to_etc_and_the_unit_broker_files_udev_rule_and_setup()
    {
        string[] files =
        [
            "/opt/ampsdevice/ampsdevice", "/opt/ampsdevice/libe_sqlite3.so",
            "/etc/ampsdevice/appsettings.json", "/lib/systemd/system/ampsdevice.service",
            "/etc/mosquitto/conf.d/amps.conf", "/etc/mosquitto/amps.acl",
            "/lib/udev/rules.d/60-ampsdevice-watchdog.rules", "/usr/lib/ampsdevice/setup",
        ];
        foreach (var file in files)
        {
            Assert.True(package.Entries.TryGetValue(file, out var entry), $"{file} is not in the package");
            Assert.StartsWith("-", entry.Mode, StringComparison.Ordinal);
        }

        Assert.Equal("-rwxr-xr-x", package.Entries["/opt/ampsdevice/ampsdevice"].Mode);
        Assert.Equal("-rwxr-xr-x", package.Entries["/usr/lib/ampsdevice/setup"].Mode);

        // The service reads appsettings.json beside itself: that is the one in /etc.
        Assert.Equal("/etc/ampsdevice/appsettings.json", package.Entries["/opt/ampsdevice/appsettings.json"].LinkTarget);

        if (BuiltPackage.RepositoryHasDashboard)
        {
            Assert.Contains(package.Entries.Keys, k => k.StartsWith("/opt/ampsdashboard/", StringComparison.Ordinal));
        }

        // Secrets are made on the device, records live there: neither is ever shipped or overwritten by a package.
        Assert.DoesNotContain(package.Entries.Keys, k => k.StartsWith("/var/", StringComparison.Ordinal) || k == "/var");
        Assert.DoesNotContain("/etc/ampsdevice/env", package.Entries.Keys);
        Assert.DoesNotContain("/etc/mosquitto/amps.passwd", package.Entries.Keys);
        Assert.DoesNotContain(package.Entries.Keys, k => k.EndsWith(".pdb", StringComparison.Ordinal));

        // Everything belongs to root and nothing is writable by anyone else (the service runs as ampsdevice).
        Assert.All(package.Entries, e => Assert.Equal("root/root", e.Value.Owner));
        Assert.All(package.Entries.Where(e => e.Value.LinkTarget is null), e =>
        {
            Assert.NotEqual('w', e.Value.Mode[5]);
            Assert.NotEqual('w', e.Value.Mode[8]);
        });
    }

    [Fact]
    public void Its_conffiles_are_the_configuration_an_administrator_edits()
    {
        var root = package.Unpack();
        Assert.Equal(
            ["/etc/ampsdevice/appsettings.json", "/etc/mosquitto/amps.acl", "/etc/mosquitto/conf.d/amps.conf"],
            File.ReadAllLines(Path.Combine(root.Scripts, "conffiles")).Order(StringComparer.Ordinal));
        Assert.Equal(
            File.ReadAllText(Path.Combine(Shell.RepoRoot, "firmware-host", "appsettings.json")),
            File.ReadAllText(root.PathOf("/etc/ampsdevice/appsettings.json")));
        Assert.Equal(
            File.ReadAllText(Path.Combine(Shell.RepoRoot, "docs", "deployment", "ampsdevice.service")),
            File.ReadAllText(root.PathOf("/lib/systemd/system/ampsdevice.service")));
        if (BuiltPackage.RepositoryHasDashboard)
        {
            // One dashboard unit, the one docs/dashboard.md describes for a clinic server too.
            Assert.Equal(
                File.ReadAllText(Path.Combine(Shell.RepoRoot, "docs", "deployment", "ampsdashboard.service")),
                File.ReadAllText(root.PathOf("/lib/systemd/system/ampsdashboard.service")));
        }
    }

    [Fact]
    public void The_service_is_one_native_executable_for_64_bit_ARM()
    {
        var root = package.Unpack();

        // ELF header: 64-bit (EI_CLASS 2), little endian, e_machine 0xB7 = EM_AARCH64.
        var elf = File.ReadAllBytes(root.PathOf("/opt/ampsdevice/ampsdevice")).AsSpan(0, 20).ToArray();
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, elf[..4]);
        Assert.Equal(2, elf[4]);
        Assert.Equal(0xB7, elf[18] | (elf[19] << 8));

        // Native AOT: no IL, no runtime beside it and no debug symbols; nothing to JIT at any start, no .NET on the Pi.
        var files = package.Entries.Keys.Where(k => k.StartsWith("/opt/ampsdevice/", StringComparison.Ordinal)).ToArray();
        Assert.DoesNotContain(files, f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".dbg", StringComparison.Ordinal));
        Assert.DoesNotContain("/opt/ampsdevice/libcoreclr.so", files);
        Assert.DoesNotContain("/opt/ampsdevice/ampsdevice.runtimeconfig.json", files);
    }

    [Fact]
    public void The_dashboard_is_one_native_executable_for_64_bit_ARM_with_its_pages()
    {
        var root = package.Unpack();
        var elf = File.ReadAllBytes(root.PathOf("/opt/ampsdashboard/ampsdashboard")).AsSpan(0, 20).ToArray();
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, elf[..4]);
        Assert.Equal(0xB7, elf[18] | (elf[19] << 8));

        // Native AOT: no IL to JIT, no runtime's libraries to map (the resident-memory goal), no debug symbols.
        var files = package.Entries.Keys.Where(k => k.StartsWith("/opt/ampsdashboard/", StringComparison.Ordinal)).ToArray();
        Assert.DoesNotContain(files, f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".dbg", StringComparison.Ordinal));
        Assert.DoesNotContain("/opt/ampsdashboard/libcoreclr.so", files);
        Assert.Contains("/opt/ampsdashboard/wwwroot/clinic.html", files);
    }
}
