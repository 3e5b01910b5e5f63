# The silo image for those who build with Docker; `dotnet publish src/SupplyChain.Silo -c Release
# /t:PublishContainer` builds the same image without Docker (docs/kubernetes.md).
#   docker build -t supplychain-silo:dev .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The silo's build fetches the web pages' front end (Leaflet, the basemap) with npm.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Restore first, from the project files only, so a code change reuses the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/SupplyChain.Domain/SupplyChain.Domain.csproj src/SupplyChain.Domain/
COPY src/SupplyChain.Contracts/SupplyChain.Contracts.csproj src/SupplyChain.Contracts/
COPY src/SupplyChain.Grains/SupplyChain.Grains.csproj src/SupplyChain.Grains/
COPY src/SupplyChain.Ingestion/SupplyChain.Ingestion.csproj src/SupplyChain.Ingestion/
COPY src/SupplyChain.Archive/SupplyChain.Archive.csproj src/SupplyChain.Archive/
COPY src/SupplyChain.Silo/SupplyChain.Silo.csproj src/SupplyChain.Silo/
COPY src/SupplyChain.Silo/ClientApp/ClientApp.targets src/SupplyChain.Silo/ClientApp/
RUN dotnet restore src/SupplyChain.Silo/SupplyChain.Silo.csproj

COPY src/ src/
RUN dotnet publish src/SupplyChain.Silo/SupplyChain.Silo.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./
# The image's non-root app user (APP_UID), by number so Kubernetes can check runAsNonRoot.
USER 1654
ENV ASPNETCORE_HTTP_PORTS=8080
# HTTP, silo-to-silo, Orleans gateway.
EXPOSE 8080 11111 30000
LABEL org.opencontainers.image.title="SupplyChain silo"
ENTRYPOINT ["dotnet", "SupplyChain.Silo.dll"]
