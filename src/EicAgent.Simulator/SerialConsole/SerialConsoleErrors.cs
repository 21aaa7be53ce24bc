using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.SerialConsole;

/// <summary>The serial-console-only errors of the EC2 Instance Connect model (com.amazonaws.ec2.instanceconnect#Name), in the model's words.</summary>
internal static class SerialConsoleErrors
{
    private const string Model = "com.amazonaws.ec2.instanceconnect#";

    public static ApiException AccessDisabled() => new(Model + "SerialConsoleAccessDisabledException",
        "Your account is not authorized to use the EC2 Serial Console. To authorize your account, run the EnableSerialConsoleAccess API. "
        + "For more information, see EnableSerialConsoleAccess in the Amazon EC2 API Reference.", 403);

    public static ApiException InstanceTypeInvalid() => new(Model + "EC2InstanceTypeInvalidException",
        "The instance type is not supported for connecting via the serial console. Only Nitro instance types are currently supported.", 400);

    public static ApiException SessionLimitExceeded() => new(Model + "SerialConsoleSessionLimitExceededException",
        "The instance currently has 1 active serial console session. Only 1 session is supported at a time.", 400);

    public static ApiException SessionUnavailable() => new(Model + "SerialConsoleSessionUnavailableException",
        "Unable to start a serial console session. Please try again.", 500);

    public static ApiException SessionUnsupported() => new(Model + "SerialConsoleSessionUnsupportedException",
        "Your instance's BIOS version is unsupported for serial console connection. Reboot your instance to update its BIOS, and then try again.", 400);
}
