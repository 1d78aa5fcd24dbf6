namespace AmpsDevice.FirmwareHost.Storage;

/// <summary>
/// The folder where the device keeps its files (records, the outbox, stored profiles and plans): configuration key
/// <c>Device:DataDirectory</c>, command line <c>--data</c>. The composition registers it once; each store below
/// takes its file in it.
/// </summary>
/// <param name="Path">The folder; created when missing.</param>
public sealed record DataDirectory(string Path);
