return args.FirstOrDefault() switch
{
    "scaling" => await RobustFT.Bench.Scaling.ClusterScalingBench.RunAsync(args[1..]),
    "failover" => await RobustFT.Bench.Failover.FailoverBench.RunAsync(args[1..]),
    "entities" => await RobustFT.Bench.Entities.EntityStartBench.RunAsync(args[1..]),
    "serializer" => RobustFT.Bench.Serialization.SerializerBench.Run(args[1..]),
    "retrieval" => RobustFT.Bench.Retrieval.RetrievalBench.Run(args[1..]),
    _ => RobustFT.Inference.Benchmarking.DecoderThroughputBench.Run(args),
};
