return await RobustFT.Cli.CliApp.RunAsync(args, new RobustFT.TestHost.ScriptedBackendProvider());
