using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// Checks <see cref="ControlLoopOptions"/> against its attributes at start, with code the options source generator
/// writes (no reflection: the service compiles ahead of time).
/// </summary>
[OptionsValidator]
public sealed partial class ControlLoopOptionsValidator : IValidateOptions<ControlLoopOptions>;
