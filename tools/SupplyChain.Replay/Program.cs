using SupplyChain.Replay.Cli;

return await ReplayCommand.Create().Parse(args).InvokeAsync();
