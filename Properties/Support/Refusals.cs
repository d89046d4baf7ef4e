namespace Autodiff.Properties.Support;

/// <summary>
/// Reading a refusal whole: its type, the parameter it names and every fragment of its message (a message that lost
/// its text or its numbers would still throw, so the message-reading suites check each).
/// </summary>
public static class Refusals
{
    /// <summary>The refusal of act, of type TException, naming parameter (if an ArgumentException) and saying every fragment.</summary>
    public static TException Refused<TException>(string? parameter, Action act, params string[] fragments) where TException : Exception
    {
        TException e = Assert.Throws<TException>(act);
        if (e is ArgumentException argument)
            Assert.Equal(parameter, argument.ParamName);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        return e;
    }

    /// <summary>An <see cref="ArgumentException"/> (exactly) naming parameter and saying every fragment.</summary>
    public static void Refused(string parameter, Action act, params string[] fragments) =>
        Refused<ArgumentException>(parameter, act, fragments);
}
