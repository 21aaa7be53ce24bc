namespace EicAgent.Aws.Instances;

/// <summary>Turns what a user typed into the one running instance it names.</summary>
public interface IInstanceResolver
{
    /// <exception cref="Errors.EicAwsException">Not found, not running, ambiguous, or the AWS call failed.</exception>
    Task<Ec2Instance> ResolveAsync(string target, CancellationToken cancellationToken);

    /// <summary>Forget what <paramref name="target"/> resolved to (after a failed connection, say).</summary>
    void Invalidate(string target);
}
