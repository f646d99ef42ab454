# Gazette as a container image: docker build -t gazette .  (compose.yaml uses it for its two instances)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Gazette -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The data folder (media, keys; the SQLite database when there is no PostgreSQL): a volume, shared by the instances.
RUN mkdir /data && chown "$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataFolder=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Gazette.dll"]
