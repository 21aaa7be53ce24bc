using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace EicAgent.Aws.InstanceConnect.Model;

/// <summary>An error returned by EC2 Instance Connect; the subclasses are its modelled errors.</summary>
internal class InstanceConnectServiceException : AmazonServiceException
{
    public InstanceConnectServiceException(ErrorResponse error)
        : base(error.Message, error.InnerException, error.Type, error.Code, error.RequestId, error.StatusCode)
    {
    }
}
