namespace Sarcopenia.Sim;

/// <summary>Biological sex, which sets peak traits, loss rates and every definition's cut-offs.</summary>
public enum Sex
{
    /// <summary>Female.</summary>
    Female = 0,

    /// <summary>Male.</summary>
    Male = 1,
}
