namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Reads a profile, plan or scenario file, mapping every problem with the file itself to one <see cref="ProfileError"/> whose
/// path is the file's: "file not found", "is a directory", "permission denied", "could not be read", "is not a valid
/// file path", too large. A file or stream that cannot seek (a pipe) is read up to its size limit.
/// </summary>
public static class DocumentFile
{
    /// <summary>The file's bytes, or the error that says why there are none.</summary>
    public static (ReadOnlyMemory<byte> Bytes, ProfileError? Error) Read(string path, DocumentKind kind)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return (default, new ProfileError(path, $"is a directory, not a {kind.Noun} file"));
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var (bytes, tooLarge) = ReadAll(file, kind);
            return (bytes, tooLarge is null ? null : new ProfileError(path, tooLarge));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return (default, new ProfileError(path, "file not found"));
        }
        catch (UnauthorizedAccessException)
        {
            return (default, new ProfileError(path, "permission denied: the file cannot be read"));
        }
        catch (IOException ex)
        {
            return (default, new ProfileError(path, $"could not be read: {ex.Message}"));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return (default, new ProfileError(path.Length == 0 ? "$" : path, "is not a valid file path"));
        }
    }

    /// <summary>
    /// The rest of <paramref name="stream"/>, reading at most one byte over the cap; or why it is too large (a
    /// seekable stream that is too long is refused without reading). Read failures are the caller's to word.
    /// </summary>
    public static (ReadOnlyMemory<byte> Bytes, string? TooLarge) ReadAll(Stream stream, DocumentKind kind)
    {
        if (stream.CanSeek && stream.Length - stream.Position > kind.MaxBytes)
        {
            return (default, kind.TooLarge(stream.Length - stream.Position));
        }

        var buffer = new byte[stream.CanSeek ? (int)(stream.Length - stream.Position) + 1 : 16 * 1024];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > kind.MaxBytes)
                {
                    return (default, kind.LargerThanCap);
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, kind.MaxBytes + 1));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return (buffer.AsMemory(0, length), null);
            }

            length += read;
        }
    }
}
