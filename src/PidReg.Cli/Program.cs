// The `pidreg` command: the tree and the exit-code convention live in PidRegCli.
return await PidReg.Cli.PidRegCli.InvokeAsync(args, endProcess: true);
