return RobustFT.Inference.Benchmarking.DecoderThroughputBench.Run(args);
