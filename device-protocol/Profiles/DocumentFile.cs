namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Reads a profile or plan file, mapping every problem with the file itself to one <see cref="ProfileError"/> whose
/// path is the file's: "file not found", "is a directory", "permission denied", "could not be read", "is not a valid
/// file path", too large. A file that cannot seek (a pipe) is read up to its size limit.
/// </summary>
internal static class DocumentFile
{
    /// <summary>The file's bytes, or the error that says why there are none.</summary>
    /// <param name="path">The file.</param>
    /// <param name="noun">What the file holds ("profile", "plan"), for the messages.</param>
    /// <param name="maxBytes">The largest such document.</param>
    /// <param name="tooLarge">The message for a file of the given length over <paramref name="maxBytes"/>.</param>
    public static (ReadOnlyMemory<byte> Bytes, ProfileError? Error) Read(string path, string noun, int maxBytes, Func<long, string> tooLarge)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return (default, new ProfileError(path, $"is a directory, not a {noun} file"));
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (file.CanSeek && file.Length > maxBytes)
            {
                return (default, new ProfileError(path, tooLarge(file.Length)));
            }

            var buffer = new byte[file.CanSeek ? (int)file.Length + 1 : 16 * 1024];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        return (default, new ProfileError(path, tooLarge(length)));
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
                }

                var read = file.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    return (buffer.AsMemory(0, length), null);
                }

                length += read;
            }
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
}
