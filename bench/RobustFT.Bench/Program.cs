using RobustFT.Bench;

return DecoderThroughputBench.Run(args);
