namespace AmpsDevice.TestSupport;

/// <summary>
/// A fresh folder under the system's temporary folder, named by its prefix and a GUID: <see cref="Create"/> for
/// one the caller keeps, an instance for one deleted on dispose.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix) => Path = Create(prefix);

    public string Path { get; }

    public static string Create(string prefix)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes the folder and what it holds; one still in use (or already gone) is left alone.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // still in use: left in the temporary folder
        }
        catch (UnauthorizedAccessException)
        {
            // not ours to delete: left in the temporary folder
        }
    }

    public void Dispose() => TryDelete(Path);
}
