using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal.Auth;

namespace EicAgent.Aws.InstanceConnect;

/// <summary>Every EC2 Instance Connect operation is signed with SigV4 (signing name <c>ec2-instance-connect</c>).</summary>
internal sealed class InstanceConnectAuthSchemeHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) =>
        AuthSchemeOption.DEFAULT_SIGV4;
}
