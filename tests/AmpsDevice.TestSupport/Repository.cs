namespace AmpsDevice.TestSupport;

/// <summary>The repository's own files, found from wherever a test or the bench runs.</summary>
public static class Repository
{
    /// <summary>The folder holding AmpsDevice.sln, found upward from the executable.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository: <c>Repository.PathOf("docs", "examples", "x.json")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// A file in another project's own output folder, <c>{project}/bin/{configuration}/{framework}/{file}</c>, built in the
    /// configuration and for the framework of the running assembly; a clear error when it is not built.
    /// </summary>
    public static string BuiltOutput(string project, string file)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var path = PathOf(project, "bin", configuration, framework.Name, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built (dotnet build {project} -c {configuration})", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AmpsDevice.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AmpsDevice.sln not found above " + AppContext.BaseDirectory);
    }
}
