namespace AmpsDevice.Dashboard.Cli;

/// <summary>What the command line runs with: the standard streams, the clock, and the server it starts without a verb (given the host's arguments).</summary>
public sealed record CliContext(TextReader Input, TextWriter Output, TextWriter Error, TimeProvider Time, Func<string[], Task<int>> RunServer);
