namespace EicAgent.Simulator.Fleet;

/// <summary>EC2 instance states the simulator uses, with the codes EC2 reports.</summary>
public enum InstanceStateName
{
    Pending = 0,
    Running = 16,
    Stopping = 64,
    Stopped = 80,
}

internal static class InstanceStateNames
{
    public static string ToEc2Name(this InstanceStateName state) => state switch
    {
        InstanceStateName.Pending => "pending",
        InstanceStateName.Running => "running",
        InstanceStateName.Stopping => "stopping",
        InstanceStateName.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static int ToEc2Code(this InstanceStateName state) => (int)state;
}
