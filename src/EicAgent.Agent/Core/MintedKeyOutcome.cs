namespace EicAgent.Agent.Core;

/// <summary>How a minted key ended; it is forgotten (removed and wiped) in every case.</summary>
public enum MintedKeyOutcome
{
    /// <summary>It signed one user authentication for its ssh process.</summary>
    Used,

    /// <summary>Its lifetime ran out before it was used.</summary>
    Expired,

    /// <summary>Its push failed (<see cref="MintedKey.MarkFailed"/>) or did not finish in time.</summary>
    Failed,

    /// <summary>Its connection was refused before it was used, or the key ring was disposed.</summary>
    Discarded,
}
