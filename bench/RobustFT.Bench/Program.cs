return args.FirstOrDefault() == "scaling"
    ? await RobustFT.Bench.Scaling.ClusterScalingBench.RunAsync(args[1..])
    : RobustFT.Inference.Benchmarking.DecoderThroughputBench.Run(args);
