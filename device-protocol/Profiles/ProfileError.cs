namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// One reason a profile was refused. <see cref="Path"/> locates it (see docs/profiles.md, "Error paths"):
/// <c>$</c> for the document as a whole, <c>painStopAt</c>, <c>steps[2].thermal.targetC</c>,
/// <c>steps[5].parallel.steps[1].vibration.onS</c>; for a file that cannot be read, the file's path.
/// </summary>
/// <param name="Path">Where the error is.</param>
/// <param name="Message">What is wrong, in words a therapist can act on.</param>
public sealed record ProfileError(string Path, string Message)
{
    /// <summary>The contract's line form: <c>&lt;json-path&gt;: &lt;message&gt;</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
