using EicAgent.Simulator.SerialConsole;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// DescribeInstanceTypes (InstanceType.N): each type's hypervisor and whether it is bare metal -- what a client
/// reads to know whether the serial console can work. Other facts of the type are not simulated.
/// </summary>
internal static class DescribeInstanceTypes
{
    public const string Operation = "DescribeInstanceTypes";

    public static Task HandleAsync(Ec2Call call)
    {
        call.Authorize(Operation);
        var types = call.Parameters.List("InstanceType");
        if (types.Count == 0)
        {
            types = [.. call.State.Instances.Select(i => i.Definition.InstanceType).Distinct()];
        }

        return call.AnswerAsync(Operation, x => x.Items("instanceTypeSet", types, (item, type) =>
        {
            // Bare metal has no hypervisor (EC2 leaves it out) yet runs on Nitro.
            var bareMetal = type.Contains(".metal", StringComparison.Ordinal);
            item.Value("instanceType", type)
                .Value("hypervisor", bareMetal ? null : NitroInstanceTypes.IsNitro(type) ? "nitro" : "xen")
                .Value("bareMetal", bareMetal);
        }));
    }
}
