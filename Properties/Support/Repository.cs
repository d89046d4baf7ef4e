namespace Autodiff.Properties.Support;

/// <summary>
/// Files of the repository the tests read (documentation, snapshots). Found from the test binaries upwards, not from
/// <c>[CallerFilePath]</c>: a CI build (<c>ContinuousIntegrationBuild</c>) maps source paths to <c>/_/</c>.
/// </summary>
internal static class Repository
{
    /// <summary>The folder holding Dual.sln, above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The path of a repository file from its parts, e.g. <c>Path("docs", "testing.md")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        string folder = AppContext.BaseDirectory;
        while (!File.Exists(System.IO.Path.Combine(folder, "Dual.sln")))
            folder = System.IO.Path.GetDirectoryName(folder)
                ?? throw new InvalidOperationException("Dual.sln not found above the test binaries.");
        return folder;
    }
}
