using EicAgent.Agent.Core;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>Takes every peer for eic (the test host is not named eic); the real check is tested on its own and end to end.</summary>
internal sealed class TestProcessAsEic : PeerProgram
{
    public override bool IsThisProgram(PeerCredentials peer) => true;
}
