using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AmpsDevice.Packaging.Tests;

/// <summary>
/// The package's maintainer scripts, run as dpkg runs them against a throwaway root (DPKG_ROOT): install, the
/// broker they configure, the units they enable, an upgrade, removal and purge.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(BuiltPackageCollection.Name)]
public sealed class InstallTests(BuiltPackage package)
{
    [Fact]
    public void Installing_creates_the_service_user_in_gpio_i2c_and_watchdog_and_enables_the_service()
    {
        var root = Installed();

        var user = root.Line("etc/passwd", "ampsdevice");
        Assert.NotNull(user);
        Assert.Equal("/var/lib/ampsdevice", user[5]);
        Assert.Equal("/usr/sbin/nologin", user[6]);
        foreach (var group in new[] { "gpio", "i2c", "watchdog" })
        {
            var line = root.Line("etc/group", group);
            Assert.True(line is not null, $"no {group} group");
            Assert.Contains("ampsdevice", line[3].Split(','));
        }

        var wants = root.PathOf("/etc/systemd/system/multi-user.target.wants/ampsdevice.service");
        Assert.Equal("/lib/systemd/system/ampsdevice.service", new FileInfo(wants).LinkTarget);

        if (BuiltPackage.RepositoryHasDashboard)
        {
            // The dashboard: its own user (no device groups), enabled, its broker account in a root-only file.
            var dashboard = root.Line("etc/passwd", "ampsdashboard");
            Assert.NotNull(dashboard);
            Assert.DoesNotContain(new[] { "gpio", "i2c", "watchdog" }, g => root.Line("etc/group", g)![3].Split(',').Contains("ampsdashboard"));
            Assert.True(File.Exists(root.PathOf("/etc/systemd/system/multi-user.target.wants/ampsdashboard.service")));
            var env = root.PathOf("/etc/ampsdashboard/env");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(env));
            Assert.Matches(@"(?m)^Dashboard__Mqtt=mqtt://dashboard:[A-Za-z0-9_-]{24}@127\.0\.0\.1:1883$", File.ReadAllText(env));
        }

        // The data directory is the service user's alone.
        var data = root.PathOf("/var/lib/ampsdevice");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(data));
    }

    [Fact]
    public void The_environment_file_is_root_only_and_holds_the_device_s_broker_account_and_the_kernel_watchdog()
    {
        var root = Installed();
        var env = root.PathOf("/etc/ampsdevice/env");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(env));
        Assert.Equal("0", Shell.Succeed("stat", ["-c", "%u", env]).Trim());

        var values = EnvValues(root);
        Assert.Equal("amps-0001", values["Mqtt__DeviceId"]);
        Assert.Matches(@"^mqtt://amps-0001:[A-Za-z0-9_-]{24}@127\.0\.0\.1:1883$", values["Mqtt__BrokerUri"]);
        Assert.Equal("/dev/watchdog", values["Watchdog__KernelDevice"]);

        var passwd = root.PathOf("/etc/mosquitto/amps.passwd");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(passwd));
        Assert.Equal("0:102", Shell.Succeed("stat", ["-c", "%u:%g", passwd]).Trim());   // root:mosquitto
        var accounts = File.ReadAllLines(passwd).Select(l => l.Split(':')[0]).ToList();
        Assert.Equal(["amps-0001", "dashboard"], accounts);
    }

    [Fact]
    public void The_installed_broker_configuration_runs_under_Debian_s_mosquitto_conf_and_admits_the_device_with_its_password_only()
    {
        var root = Installed();
        var password = new Uri(EnvValues(root)["Mqtt__BrokerUri"]).UserInfo.Split(':')[1];
        var plain = AmpsDevice.TestSupport.FreePort.Next();
        var tls = AmpsDevice.TestSupport.FreePort.Next();

        // Debian's /etc/mosquitto/mosquitto.conf, which includes conf.d; paths moved into the root, ports made free.
        var dir = Path.GetDirectoryName(root.Root)!;
        var confD = Path.Combine(dir, "conf.d");
        Directory.CreateDirectory(confD);
        var amps = File.ReadAllText(root.PathOf("/etc/mosquitto/conf.d/amps.conf"))
            .Replace("/etc/mosquitto/", root.PathOf("/etc/mosquitto/"), StringComparison.Ordinal)
            .Replace("listener 1883 127.0.0.1", $"listener {plain} 127.0.0.1", StringComparison.Ordinal)
            .Replace("listener 8883", $"listener {tls}", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(confD, "amps.conf"), amps);
        var persistence = Path.Combine(dir, "mosquitto") + "/";
        Directory.CreateDirectory(persistence);
        var main = Path.Combine(dir, "mosquitto.conf");
        File.WriteAllText(main, $"pid_file {dir}/mosquitto.pid\npersistence true\npersistence_location {persistence}\nlog_dest stderr\nuser root\ninclude_dir {confD}\n");

        using var broker = Process.Start(new ProcessStartInfo(File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto", ["-c", main]) { RedirectStandardError = true })!;
        var log = broker.StandardError.ReadToEndAsync();
        try
        {
            WaitForPort(plain, broker, log);
            string[] status = ["-t", "amps/v1/amps-0001/status", "-m", "{}", "-q", "1"];
            Shell.Succeed("mosquitto_pub", ["-h", "127.0.0.1", "-p", $"{plain}", "-u", "amps-0001", "-P", password, .. status]);
            Assert.NotEqual(0, Shell.Run("mosquitto_pub", ["-h", "127.0.0.1", "-p", $"{plain}", "-u", "amps-0001", "-P", "wrong", .. status]).Exit);

            // The 8883 listener with the certificate made at install, trusted through its CA.
            Shell.Succeed("mosquitto_pub", ["-h", "localhost", "-p", $"{tls}", "--cafile", root.PathOf("/etc/mosquitto/certs/clinic-ca.crt"), "-u", "amps-0001", "-P", password, .. status]);
        }
        finally
        {
            broker.Kill();
            broker.WaitForExit();
        }
    }

    [Fact]
    public void The_installed_units_pass_systemd_analyze_verify()
    {
        var root = Installed();

        // verify resolves the units' dependencies (multi-user.target, network-online.target ...) in the root: give it
        // the host's targets and slices, as the Pi has them.
        var system = root.PathOf("/usr/lib/systemd/system");
        Directory.CreateDirectory(system);
        foreach (var unit in Directory.EnumerateFiles("/usr/lib/systemd/system").Where(f => f.EndsWith(".target", StringComparison.Ordinal) || f.EndsWith(".slice", StringComparison.Ordinal)))
        {
            File.Copy(unit, Path.Combine(system, Path.GetFileName(unit)), overwrite: true);
        }

        var units = Directory.EnumerateFiles(root.PathOf("/lib/systemd/system"), "*.service").Select(Path.GetFileName).ToList();
        Assert.Contains("ampsdevice.service", units);
        var (exit, stdout, stderr) = Shell.Run("systemd-analyze", ["verify", $"--root={root.Root}", .. units!]);
        var said = (stdout + stderr).Trim();
        Assert.True(exit == 0 && said.Length == 0, $"systemd-analyze verify exit {exit}: {said}");
    }

    [Fact]
    public void An_upgrade_keeps_the_secrets_and_removal_and_purge_keep_records_and_plans()
    {
        var root = Installed();
        var env = File.ReadAllText(root.PathOf("/etc/ampsdevice/env"));
        var passwd = File.ReadAllText(root.PathOf("/etc/mosquitto/amps.passwd"));
        var records = root.PathOf("/var/lib/ampsdevice/records.db");
        var plan = root.PathOf("/var/lib/ampsdevice/plans/child-17.json");
        Directory.CreateDirectory(Path.GetDirectoryName(plan)!);
        File.WriteAllText(records, "session records");
        File.WriteAllText(plan, "{\"plan\":1}");

        // Upgrade: prerm upgrade, the new files unpacked, postinst configure <old version>.
        root.RunScript("prerm", "upgrade", "1.0.0");
        root.UnpackAgain();
        root.RunScript("postinst", "configure", "1.0.0");
        Assert.Equal(env, File.ReadAllText(root.PathOf("/etc/ampsdevice/env")));
        Assert.Equal(passwd, File.ReadAllText(root.PathOf("/etc/mosquitto/amps.passwd")));
        Assert.Equal("session records", File.ReadAllText(records));

        // Removal: the service disabled, its files gone, configuration and records kept.
        root.RunScript("prerm", "remove");
        root.RemovePackagedFiles();
        root.RunScript("postrm", "remove");
        Assert.False(File.Exists(root.PathOf("/opt/ampsdevice/ampsdevice")));
        Assert.False(File.Exists(root.PathOf("/etc/systemd/system/multi-user.target.wants/ampsdevice.service")));
        Assert.True(File.Exists(root.PathOf("/etc/ampsdevice/env")));

        // Purge: the generated secrets and certificates go; the records and plans stay.
        root.RunScript("postrm", "purge");
        Assert.False(File.Exists(root.PathOf("/etc/ampsdevice/env")));
        Assert.False(File.Exists(root.PathOf("/etc/ampsdashboard/env")));
        Assert.False(File.Exists(root.PathOf("/etc/mosquitto/amps.passwd")));
        Assert.False(File.Exists(root.PathOf("/etc/mosquitto/certs/broker.key")));
        Assert.Equal("session records", File.ReadAllText(records));
        Assert.Equal("{\"plan\":1}", File.ReadAllText(plan));
    }

    private InstalledRoot Installed()
    {
        var root = package.Unpack();
        root.RunScript("postinst", "configure");
        return root;
    }

    private static Dictionary<string, string> EnvValues(InstalledRoot root) =>
        File.ReadAllLines(root.PathOf("/etc/ampsdevice/env"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);

    private static void WaitForPort(int port, Process broker, Task<string> log)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < until)
        {
            Assert.False(broker.HasExited, $"mosquitto exited {(broker.HasExited ? broker.ExitCode : 0)}: {(broker.HasExited ? log.Result : "")}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        Assert.Fail($"mosquitto did not listen on {port} within 10 s");
    }
}
