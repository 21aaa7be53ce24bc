namespace EicAgent.Simulator.Ec2;

/// <summary>
/// EnableSerialConsoleAccess, DisableSerialConsoleAccess and GetSerialConsoleAccessStatus: the account-wide switch
/// (off in a new account). Each answers &lt;serialConsoleAccessEnabled&gt;; the status also says who manages it.
/// </summary>
internal static class SerialConsoleAccess
{
    public const string Enable = "EnableSerialConsoleAccess";
    public const string Disable = "DisableSerialConsoleAccess";
    public const string Status = "GetSerialConsoleAccessStatus";

    public static Task HandleAsync(Ec2Call call, string operation)
    {
        call.Authorize(operation);
        var console = call.State.SerialConsole;
        if (operation != Status)
        {
            console.AccessEnabled = operation == Enable;
        }

        return call.AnswerAsync(operation, x =>
        {
            x.Value("serialConsoleAccessEnabled", console.AccessEnabled);
            if (operation == Status)
            {
                x.Value("managedBy", "account");
            }
        });
    }
}
