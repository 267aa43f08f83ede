namespace Sarcopenia.Sim.Engine;

/// <summary>
/// A yes-or-no choice fixed at compile time: generic code over a <c>T : struct, ICompileTimeFlag</c> is compiled once
/// per choice, so a branch on <see cref="IsSet"/> costs nothing in a hot loop (the JIT keeps one side).
/// </summary>
internal interface ICompileTimeFlag
{
    /// <summary>Whether the choice is made.</summary>
    static abstract bool IsSet { get; }
}

/// <summary>The choice is made.</summary>
internal readonly struct Yes : ICompileTimeFlag
{
    /// <inheritdoc/>
    public static bool IsSet => true;
}

/// <summary>The choice is not made.</summary>
internal readonly struct No : ICompileTimeFlag
{
    /// <inheritdoc/>
    public static bool IsSet => false;
}
