namespace AmpsDevice.FirmwareHost.Sessions.Records;

/// <summary>The records file cannot be used (missing, damaged, from a newer version, unknown session); the message says which and what to do.</summary>
public sealed class RecordStoreException : Exception
{
    public RecordStoreException(string message) : base(message) { }

    public RecordStoreException(string message, Exception innerException) : base(message, innerException) { }

    public RecordStoreException() { }
}
