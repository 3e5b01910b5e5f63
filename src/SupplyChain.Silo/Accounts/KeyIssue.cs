namespace SupplyChain.Silo.Accounts;

/// <summary>What became of a request to store a new key.</summary>
internal enum KeyIssue
{
    /// <summary>The key is stored and works.</summary>
    Issued,

    /// <summary>No account has the key's account id.</summary>
    NoAccount,

    /// <summary>The account was deleted: it gets no new keys.</summary>
    AccountDeleted,

    /// <summary>The account already has its most active keys; one must be revoked (or expire) first.</summary>
    TooManyActive,
}
