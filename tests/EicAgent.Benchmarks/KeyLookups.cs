namespace EicAgent.Benchmarks;

/// <summary>
/// How many times the instance looked its keys up (ran its AuthorizedKeysCommand) for each login of each column:
/// ssh that offers a key costs two (the offer, then the signature), ssh that signs at once one.
/// </summary>
internal sealed class KeyLookups(Func<int> lookupsSoFar)
{
    private readonly Dictionary<string, List<int>> _perLogin = [];

    /// <summary>Runs one login of <paramref name="column"/> and counts the lookups it made.</summary>
    public async Task<T> CountAsync<T>(string column, Func<Task<T>> login)
    {
        var before = lookupsSoFar();
        var result = await login();
        if (!_perLogin.TryGetValue(column, out var counts))
        {
            _perLogin[column] = counts = [];
        }

        counts.Add(lookupsSoFar() - before);
        return result;
    }

    /// <summary>"1", or "1-2" when logins differed; "-" when none ran.</summary>
    public string PerLogin(string column) => _perLogin.TryGetValue(column, out var counts) && counts.Count > 0
        ? counts.Min() == counts.Max() ? $"{counts.Min()}" : $"{counts.Min()}-{counts.Max()}"
        : "-";
}
