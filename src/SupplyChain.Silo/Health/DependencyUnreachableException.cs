namespace SupplyChain.Silo.Health;

/// <summary>A durable silo refused to start because an outside service did not answer.</summary>
public sealed class DependencyUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DependencyUnreachableException()
    {
    }

    /// <summary>Creates the exception with a message naming the service.</summary>
    public DependencyUnreachableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the service and the client's failure.</summary>
    public DependencyUnreachableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
