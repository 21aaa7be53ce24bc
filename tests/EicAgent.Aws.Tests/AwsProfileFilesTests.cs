using EicAgent.Aws.Scopes;
using EicAgent.Testing;

namespace EicAgent.Aws.Tests;

/// <summary>A caller's config and credentials files that are not siblings, reached through a private pair of links.</summary>
public sealed class AwsProfileFilesTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-profile-files-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Scopes_built_at_once_for_the_same_files_all_get_one_pair_of_links_to_them()
    {
        var config = _directory.Combine("work-config");
        var credentials = _directory.Combine("work-credentials");
        await File.WriteAllTextAsync(config, "[default]\nregion = eu-west-1\n");
        await File.WriteAllTextAsync(credentials, "[default]\naws_access_key_id = AKID\naws_secret_access_key = secret\n");
        var context = AwsContext.From([KeyValuePair.Create(AwsContext.ConfigFile, config), KeyValuePair.Create(AwsContext.CredentialsFile, credentials)]);

        var paths = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => AwsProfileFiles.CredentialsPathFor(context))));
        var linked = Path.GetDirectoryName(paths[0])!;
        try
        {
            Assert.Single(paths.Distinct());
            Assert.Equal(credentials, new FileInfo(paths[0]).LinkTarget);
            Assert.Equal(config, new FileInfo(Path.Combine(linked, "config")).LinkTarget);
            Assert.Equal(["config", "credentials"], Directory.GetFileSystemEntries(linked).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(linked, recursive: true);
        }
    }
}
