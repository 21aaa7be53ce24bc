<#
.SYNOPSIS
Builds eic from this checkout and installs it for the current Windows user: the binary, the ssh_config block that
sends instance names through it (~\.ssh\eic_config, included from the top of ~\.ssh\config), and the agent as a
per-user logon task.

.EXAMPLE
powershell -ExecutionPolicy Bypass -File .\install.ps1
.EXAMPLE
powershell -ExecutionPolicy Bypass -File .\install.ps1 -Uninstall
#>
param(
    # Undo an install; running it twice is harmless.
    [switch]$Uninstall,
    # For developers: install the eic already built in this directory instead of building one.
    [string]$From
)

# Runs on Windows PowerShell 5.1 as well as PowerShell 7: no ??, ?:, && or || here.
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$InstallDir = Join-Path $env:LOCALAPPDATA 'Programs\eic'
$Eic = Join-Path $InstallDir 'eic.exe'
$SshDir = Join-Path $HOME '.ssh'
$SshConfig = Join-Path $SshDir 'config'
$EicConfig = Join-Path $SshDir 'eic_config'
$Backup = Join-Path $SshDir 'config.eic-backup'
$TaskName = 'EicAgent'
$IncludeLine = 'Include ~/.ssh/eic_config'
# OpenSSH reads its config as UTF-8 and stumbles on a byte order mark in front of a keyword.
$Utf8 = New-Object System.Text.UTF8Encoding $false
$Bom = [byte[]](0xEF, 0xBB, 0xBF)

function Say([string]$Message) { Write-Host "install: $Message" }
function Fail([string]$Message) { [Console]::Error.WriteLine("install: error: $Message"); exit 1 }

function Show([string]$Path) {
    if ($Path.StartsWith($HOME, [StringComparison]::OrdinalIgnoreCase)) { return '~' + $Path.Substring($HOME.Length) }
    return $Path
}

function Test-StartsWith([byte[]]$Bytes, [byte[]]$Prefix, [int]$At) {
    if ($Bytes.Length - $At -lt $Prefix.Length) { return $false }
    for ($i = 0; $i -lt $Prefix.Length; $i++) { if ($Bytes[$At + $i] -ne $Prefix[$i]) { return $false } }
    return $true
}

# Where the config's first line starts: after a byte order mark, if an editor put one there.
function Get-TextStart([byte[]]$Bytes) { if (Test-StartsWith $Bytes $Bom 0) { return 3 } return 0 }

# Byte arrays are returned with a leading comma: PowerShell would otherwise unroll them (and an empty one into $null).
# Our Include line as bytes, ending like the file's own lines (CRLF when it has any).
function Get-IncludeBytes([byte[]]$Config) {
    $newline = "`n"
    if ([System.Text.Encoding]::UTF8.GetString($Config).Contains("`r`n")) { $newline = "`r`n" }
    return , $Utf8.GetBytes($IncludeLine + $newline)
}

function Get-Slice([byte[]]$Bytes, [int]$Offset, [int]$Count) {
    $slice = New-Object byte[] $Count
    [Array]::Copy($Bytes, $Offset, $slice, 0, $Count)
    return , $slice
}

function Join-Bytes([byte[]]$A, [byte[]]$B, [byte[]]$C) {
    $stream = New-Object System.IO.MemoryStream
    foreach ($part in @($A, $B, $C)) { if ($null -ne $part) { $stream.Write($part, 0, $part.Length) } }
    return , $stream.ToArray()
}

function Test-SameBytes([string]$PathA, [string]$PathB) {
    if (-not ((Test-Path $PathA) -and (Test-Path $PathB))) { return $false }
    return [Convert]::ToBase64String([IO.File]::ReadAllBytes($PathA)) -eq [Convert]::ToBase64String([IO.File]::ReadAllBytes($PathB))
}

function Stop-Agent {
    if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) {
        Stop-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue
    }
    # An agent started on demand by the ProxyCommand, or left by the task: Windows will not replace a running exe.
    Get-Process -Name eic -ErrorAction SilentlyContinue |
        Where-Object { $_.Path -and ($_.Path -eq $Eic) } |
        Stop-Process -Force -ErrorAction SilentlyContinue
}

function Build-Eic {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { Fail 'the .NET 10 SDK is needed to build eic (https://dot.net), or pass -From DIR' }
    $project = Join-Path $PSScriptRoot 'src\Eic\Eic.csproj'
    if (-not (Test-Path $project)) { Fail 'no src\Eic\Eic.csproj beside this script: run install.ps1 from the EicAgent checkout' }
    $out = Join-Path ([System.IO.Path]::GetTempPath()) ('eic-install-' + [guid]::NewGuid())
    $log = Join-Path ([System.IO.Path]::GetTempPath()) 'eic-install-build.log'
    & dotnet publish $project -c Release -o $out -nologo -p:PublishAot=true *> $log
    if ($LASTEXITCODE -eq 0) { Say 'built eic with Native AOT'; return $out }
    Say "note: the Native AOT build failed (it needs Visual Studio's 'Desktop development with C++' workload; log: $log); building a framework-dependent eic instead"
    Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue
    & dotnet publish $project -c Release -o $out -nologo -p:PublishAot=false --use-current-runtime --self-contained false *> $log
    if ($LASTEXITCODE -ne 0) { Fail "dotnet publish failed (log: $log)" }
    Say 'built eic (framework-dependent)'
    return $out
}

function Install-Binary([string]$Source) {
    if (-not (Test-Path (Join-Path $Source 'eic.exe'))) { Fail "no eic.exe in $Source" }
    Stop-Agent
    if (Test-Path $InstallDir) { Remove-Item -Recurse -Force $InstallDir }
    New-Item -ItemType Directory -Force $InstallDir | Out-Null
    Copy-Item -Recurse -Force (Join-Path $Source '*') $InstallDir
    Get-ChildItem $InstallDir -Include '*.pdb' -Recurse | Remove-Item -Force
    Say "installed eic in $InstallDir"
}

# ssh starts the ProxyCommand with CreateProcessW: a path with a space in it fails, its 8.3 short form does not.
function Get-ProxyPath {
    if (-not $Eic.Contains(' ')) { return $Eic }
    $short = (New-Object -ComObject Scripting.FileSystemObject).GetFile($Eic).ShortPath
    if ($short.Contains(' ')) { Fail "the path $Eic has a space and no short 8.3 form: ssh cannot start it as a ProxyCommand" }
    return $short
}

function Write-EicConfig {
    # eic writes in the console's code page: make that UTF-8 so that a non-ASCII user name survives.
    $consoleEncoding = [Console]::OutputEncoding
    [Console]::OutputEncoding = $Utf8
    try { $block = & $Eic ssh-config --eic (Get-ProxyPath) } finally { [Console]::OutputEncoding = $consoleEncoding }
    if ($LASTEXITCODE -ne 0) { Fail "the installed eic did not run ($Eic ssh-config)" }
    if (-not (Test-Path $SshDir)) { New-Item -ItemType Directory $SshDir | Out-Null; Say "created $(Show $SshDir)" }
    $written = Join-Path $SshDir 'eic_config.new'
    [IO.File]::WriteAllBytes($written, $Utf8.GetBytes((($block -join "`n") + "`n")))
    if (Test-SameBytes $written $EicConfig) { Remove-Item -Force $written; Say "$(Show $EicConfig) is up to date"; return }
    Move-Item -Force $written $EicConfig
    Say "wrote $(Show $EicConfig)"
}

function Add-Include {
    if (-not (Test-Path $SshConfig)) {
        [IO.File]::WriteAllBytes($SshConfig, $Utf8.GetBytes($IncludeLine + "`n"))
        Say "created $(Show $SshConfig) with: $IncludeLine"
        return
    }
    $config = [IO.File]::ReadAllBytes($SshConfig)
    if ([System.Text.Encoding]::UTF8.GetString($config) -match '(?im)^\s*include[\s=].*eic_config') {
        Say "$(Show $SshConfig) already includes eic_config: unchanged"
        return
    }
    if (-not (Test-Path $Backup)) { Copy-Item $SshConfig $Backup; Say "backed up $(Show $SshConfig) to $(Show $Backup)" }
    # ssh takes the first value it reads for each option: our block must come before the user's Host lines.
    $start = Get-TextStart $config
    $updated = Join-Bytes (Get-Slice $config 0 $start) (Get-IncludeBytes $config) (Get-Slice $config $start ($config.Length - $start))
    [IO.File]::WriteAllBytes($SshConfig, $updated)
    Say "added '$IncludeLine' at the top of $(Show $SshConfig)"
}

function Remove-Include {
    if (-not (Test-Path $SshConfig)) { Say "no $(Show $SshConfig): nothing to remove"; return }
    $config = [IO.File]::ReadAllBytes($SshConfig)
    $start = Get-TextStart $config
    # install put the line first: dropping exactly those bytes gives the file back as it was.
    $removed = $null
    foreach ($newline in @("`r`n", "`n")) {
        $line = $Utf8.GetBytes($IncludeLine + $newline)
        if (($null -eq $removed) -and (Test-StartsWith $config $line $start)) {
            $after = $start + $line.Length
            $removed = Join-Bytes (Get-Slice $config 0 $start) (Get-Slice $config $after ($config.Length - $after)) $null
        }
    }
    if ($null -eq $removed) { Say "$(Show $SshConfig) does not start with '$IncludeLine': unchanged (remove that line by hand if it is further down)"; return }
    if ($removed.Length -eq 0 -and -not (Test-Path $Backup)) {
        Remove-Item -Force $SshConfig
        Say "removed $(Show $SshConfig) (install had created it)"
    } else {
        [IO.File]::WriteAllBytes($SshConfig, $removed)
        Say "removed the eic Include line from $(Show $SshConfig)"
    }
    if (Test-Path $Backup) {
        if (Test-SameBytes $Backup $SshConfig) { Remove-Item -Force $Backup; Say "removed $(Show $Backup): $(Show $SshConfig) is as it was before install" }
        else { Say "kept $(Show $Backup): $(Show $SshConfig) has changed since install" }
    }
}

function Register-Agent {
    $user = "$env:USERDOMAIN\$env:USERNAME"
    # eic is a console program: PowerShell starts it with its console window hidden.
    $command = "& '" + $Eic.Replace("'", "''") + "' agent"
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoProfile -NonInteractive -WindowStyle Hidden -Command `"$command`""
    $trigger = New-ScheduledTaskTrigger -AtLogOn -User $user
    $principal = New-ScheduledTaskPrincipal -UserId $user -LogonType Interactive -RunLevel Limited
    $settings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -Hidden `
        -ExecutionTimeLimit ([TimeSpan]::Zero) -RestartCount 3 -RestartInterval (New-TimeSpan -Minutes 1)
    Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Principal $principal -Settings $settings `
        -Description 'EicAgent: ssh-agent that mints a key per connection to EC2 instances' -Force | Out-Null
    Start-ScheduledTask -TaskName $TaskName
    Say "registered and started the logon task $TaskName (eic agent, hidden)"
}

function Unregister-Agent {
    Stop-Agent
    if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) {
        Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
        Say "stopped and removed the logon task $TaskName"
    } else {
        Say "no logon task $TaskName`: nothing to remove"
    }
}

if ($Uninstall) {
    Unregister-Agent
    Remove-Include
    if (Test-Path $EicConfig) { Remove-Item -Force $EicConfig; Say "removed $(Show $EicConfig)" }
    if (Test-Path $InstallDir) { Remove-Item -Recurse -Force $InstallDir; Say "removed $InstallDir" }
    Say 'eic is uninstalled'
    exit 0
}

$source = $From
if ($source) { $source = (Resolve-Path $source).Path } else { $source = Build-Eic }
Install-Binary $source
if (-not $From) { Remove-Item -Recurse -Force $source -ErrorAction SilentlyContinue }
Write-EicConfig
Add-Include
Register-Agent
if (($env:PATH -split ';') -notcontains $InstallDir) { Say "note: $InstallDir is not on your PATH" }
Say 'done: try ssh i-0123456789abcdef0 (or ssh NAME.eic)'
