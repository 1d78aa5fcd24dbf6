using AmpsDevice.FirmwareHost.Cli;

// ampsdevice <verb> [options]: run (default) | validate | simulate | sessions | export | plan. See docs/cli.md.
return await AmpsDeviceCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
