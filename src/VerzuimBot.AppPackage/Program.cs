using VerzuimBot.AppPackage;

return AppPackageCommand.Run(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, Environment.CurrentDirectory);
