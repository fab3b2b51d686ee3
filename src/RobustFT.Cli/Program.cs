return await RobustFT.Cli.CliApp.RunAsync(args);
