namespace Autodiff.Examples;

/// <summary>Where the sections write their pictures.</summary>
internal static class OutputFiles
{
    // Examples/output/<name> in the repository holding the running build, else output/ beside the executable.
    public static string Path(string name)
    {
        DirectoryInfo? directory = new(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Examples", "Examples.csproj")))
            directory = directory.Parent;
        string folder = directory is null
            ? System.IO.Path.Combine(AppContext.BaseDirectory, "output")
            : System.IO.Path.Combine(directory.FullName, "Examples", "output");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }
}
