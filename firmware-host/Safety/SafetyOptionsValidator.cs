using AmpsDevice.Protocol.Envelope;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>Refuses any <see cref="SafetyOptions"/> value that would loosen the absolute limits, naming the key and the limit.</summary>
public sealed class SafetyOptionsValidator : IValidateOptions<SafetyOptions>
{
    public ValidateOptionsResult Validate(string? name, SafetyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = LimitSet.Absolute.Problems(options.Configured(), $"{SafetyOptions.SectionName}:");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
