using System.Text.Json;

namespace RobustFT.Cluster.Persistence;

/// <summary>Settings of the SQL saga repository, filled in by <see cref="SqlSagaRepositoryRegistrationExtensions.SqlRepository{T}"/>.</summary>
public sealed class SqlSagaRepositoryOptions
{
    public string TableName { get; set; } = "sagas";

    public IDbConnectionFactory? ConnectionFactory { get; set; }

    /// <summary>How the saga instance is written to the <c>data</c> column; System.Text.Json defaults when null.</summary>
    public JsonSerializerOptions? Json { get; set; }
}
