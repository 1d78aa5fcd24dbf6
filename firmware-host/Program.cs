using AmpsDevice.FirmwareHost.Cli;

// ampsdevice <verb> [options]: run (default) | validate | simulate. See docs/architecture.md.
return await AmpsDeviceCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
