using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sarcopenia.Sim.Common;

/// <summary>
/// Reads and writes an <see cref="EquatableArray{T}"/> as the JSON array an <see cref="ImmutableArray{T}"/> is, by
/// handing the work to the serializer's own immutable-array support: the same bytes, the same element conversions
/// and the same errors under any <see cref="JsonSerializerOptions"/>. The default value is written as <c>[]</c>.
/// </summary>
internal sealed class EquatableArrayJsonConverter : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableArray<>);

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Converter<T> : JsonConverter<EquatableArray<T>>
    {
        public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<ImmutableArray<T>>(ref reader, options);

        public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.AsImmutableArray(), options);
    }
}
