namespace SupplyChain.Archive.Streams;

/// <summary>The archive's consumer of one inbound partition stream (key: the partition number). It has no methods: the stream drives it.</summary>
public interface IArchivePartitionGrain : IGrainWithStringKey;
