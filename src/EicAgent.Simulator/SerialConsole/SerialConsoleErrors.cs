using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.SerialConsole;

/// <summary>The serial-console-only errors of the EC2 Instance Connect model (com.amazonaws.ec2.instanceconnect#Name).</summary>
internal static class SerialConsoleErrors
{
    private const string Model = "com.amazonaws.ec2.instanceconnect#";

    public static ApiException AccessDisabled() => new(Model + "SerialConsoleAccessDisabledException",
        "Your account is not authorized to use the EC2 Serial Console. To authorize your account, run the EnableSerialConsoleAccess API.", 403);

    public static ApiException InstanceTypeInvalid(string instanceType) => new(Model + "EC2InstanceTypeInvalidException",
        $"The instance type '{instanceType}' is not supported for EC2 Serial Console connections. Use an instance type built on the Nitro System.", 400);

    public static ApiException SessionLimitExceeded(string instanceId) => new(Model + "SerialConsoleSessionLimitExceededException",
        $"The instance {instanceId} has reached its limit of active serial console sessions.", 400);

    public static ApiException SessionUnavailable() => new(Model + "SerialConsoleSessionUnavailableException",
        "Unable to start a serial console session. Please try again.", 500);

    public static ApiException SessionUnsupported() => new(Model + "SerialConsoleSessionUnsupportedException",
        "Your instance does not support EC2 Serial Console connections. Update the instance's firmware by stopping and starting it.", 400);
}
