using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace OgpCoCreate.Ot.Tests;

/// <summary>Ops travel between grains, so they must survive Orleans' serializer (and copier) intact.</summary>
public sealed class OrleansSerializationTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    [Fact]
    public void A_TextOp_round_trips_through_the_Orleans_serializer()
    {
        var serializer = Services.GetRequiredService<Serializer>();
        var op = TextOp.Parse("[3,\"hé😀\",{\"d\":2},1,{\"d\":\"x\"}]");

        var copy = serializer.Deserialize<TextOp>(serializer.SerializeToArray(op))!;

        Assert.Equal(op, copy);
        Assert.Equal(op.ToJson(), copy.ToJson());
        TextUnicode.CheckValidOp(copy);
    }

    [Fact]
    public void The_empty_op_round_trips_through_the_Orleans_serializer()
    {
        var serializer = Services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<TextOp>(serializer.SerializeToArray(TextOp.Empty))!;

        Assert.True(copy.IsNoop);
        Assert.Equal("[]", copy.ToJson());
    }

    [Fact]
    public void An_OtException_round_trips_with_its_message()
    {
        var serializer = Services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new OtException("bad op")));

        Assert.IsType<OtException>(copy);
        Assert.Equal("bad op", copy.Message);
    }

    [Fact]
    public void TextOp_is_immutable_so_the_Orleans_copier_shares_it()
    {
        var copier = Services.GetRequiredService<DeepCopier>();
        var op = TextOp.Parse("[1,\"x\"]");

        Assert.Same(op, copier.Copy(op));
    }
}
