using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.SerialConsole;

/// <summary>
/// What SendSerialConsoleSSHPublicKey checks after the common ones (caller, instance, state), in AWS's order of
/// scope: the account's access, the instance type, the service, the one session; then the key is accepted for 60 s.
/// </summary>
internal static class SerialConsolePushes
{
    /// <summary>
    /// The serial console's keys share the pushed-key store under this name: it starts with '-', which no
    /// SendSSHPublicKey InstanceOSUser can, so an ordinary push never opens the console.
    /// </summary>
    public static string KeyStoreUser(int serialPort) => $"-serial-port{serialPort}";

    public static void Accept(SimulatorState state, SimulatedInstance instance, string publicKey)
    {
        var console = state.SerialConsole;
        if (!console.AccessEnabled)
        {
            throw SerialConsoleErrors.AccessDisabled();
        }

        if (!NitroInstanceTypes.IsNitro(instance.Definition.InstanceType))
        {
            throw SerialConsoleErrors.InstanceTypeInvalid();
        }

        switch (console.Refusal)
        {
            case SerialConsoleRefusal.Unavailable:
                throw SerialConsoleErrors.SessionUnavailable();
            case SerialConsoleRefusal.Unsupported:
                throw SerialConsoleErrors.SessionUnsupported();
        }

        if (console.HasSession(instance.InstanceId))
        {
            throw SerialConsoleErrors.SessionLimitExceeded();
        }

        state.Keys.Push(instance.InstanceId, KeyStoreUser(0), publicKey);
    }
}
