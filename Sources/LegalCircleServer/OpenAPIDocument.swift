/// `GET /openapi.json`: the service described in OpenAPI 3.1. The tests check every real answer of
/// the API against these schemas, so a field added to an answer must be added here too.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "legalcircle serve",
            "version": "1",
            "description": "Coverage of the 15-minute public legal service circle: saved runs for planners, the nearest station for residents. Coordinates are WGS84 unless crs says otherwise."
          },
          "paths": {
            "/api/nearest": {
              "get": {
                "summary": "The nearest service stations to a location",
                "parameters": [
                  {"name": "lon", "in": "query", "required": true, "schema": {"type": "number", "minimum": -180, "maximum": 180}},
                  {"name": "lat", "in": "query", "required": true, "schema": {"type": "number", "minimum": -90, "maximum": 90}},
                  {"name": "crs", "in": "query", "schema": {"type": "string", "enum": ["wgs84", "gcj02", "bd09"], "default": "wgs84"},
                   "description": "System of lon/lat, and of the stations' coordinates in the answer"},
                  {"name": "kinds", "in": "query", "schema": {"type": "string"},
                   "description": "Comma-separated service kinds: consultation, legal_aid, mediation, notary, lawyer, forensic, arbitration, publicity"},
                  {"name": "count", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 5}},
                  {"name": "zone", "in": "query", "schema": {"type": "string", "enum": ["urban", "rural", "mountain", "island"]},
                   "description": "Zone of the location, which decides the travel mode of the minutes. Without it, the zone the stored data give the location: the zone polygon containing it, island off the mainland, the zone most residents of its 1/256-degree cell have, else rural (load's default); zoneSource says which"}
                ],
                "responses": {
                  "200": {"description": "Nearest first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nearest"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}
                }
              }
            },
            "/api/runs": {
              "get": {
                "summary": "The saved runs, newest first",
                "responses": {"200": {"description": "Runs", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Runs"}}}}}
              },
              "post": {
                "summary": "Compute a run over the latest datasets, as legalcircle report does (the identical latest run is reused)",
                "security": [{"bearer": []}],
                "parameters": [
                  {"name": "minutes", "in": "query", "schema": {"type": "number"}},
                  {"name": "kinds", "in": "query", "schema": {"type": "string"}}
                ],
                "responses": {
                  "201": {"description": "The run", "content": {"application/json": {"schema": {"type": "object", "required": ["id", "href"], "properties": {"id": {"type": "integer"}, "href": {"type": "string"}}}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/ReadOnly"}
                }
              }
            },
            "/api/datasets": {
              "post": {
                "summary": "Load a CSV or xlsx file of service points or residences, all or nothing, as legalcircle load does",
                "security": [{"bearer": []}],
                "parameters": [
                  {"name": "kind", "in": "query", "required": true, "schema": {"type": "string", "enum": ["points", "residences"]}},
                  {"name": "name", "in": "query", "schema": {"type": "string"}, "description": "Dataset name (default: the kind)"},
                  {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["csv", "xlsx"], "default": "csv"}}
                ],
                "requestBody": {"required": true, "content": {"text/csv": {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}},
                "responses": {
                  "201": {"description": "What was loaded", "content": {"application/json": {"schema": {"type": "object", "required": ["loaded"], "properties": {"loaded": {"type": "array", "items": {"type": "string"}}}}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/ReadOnly"},
                  "413": {"description": "The upload is too large", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }
              }
            },
            "/api/runs/{id}": {
              "get": {
                "summary": "A run's report per county, as report --format json writes it",
                "parameters": [{"$ref": "#/components/parameters/RunID"}],
                "responses": {
                  "200": {"description": "Report", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/runs/{id}/areas": {
              "get": {
                "summary": "A run's uncovered areas as GeoJSON (RFC 7946)",
                "parameters": [{"$ref": "#/components/parameters/RunID"}],
                "responses": {
                  "200": {"description": "FeatureCollection", "content": {"application/geo+json": {"schema": {"$ref": "#/components/schemas/FeatureCollection"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            }
          },
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "The token of serve --token-file"}},
            "parameters": {
              "RunID": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}
            },
            "responses": {
              "BadRequest": {"description": "A parameter was refused", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "NotFound": {"description": "No such path or run", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Unauthorized": {"description": "No valid bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "ReadOnly": {"description": "The service was started without --token-file", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
              "Nearest": {
                "type": "object",
                "required": ["crs", "query", "zone", "zoneSource", "mode", "travelModel", "dataset", "stations"],
                "properties": {
                  "crs": {"type": "string", "enum": ["wgs84", "gcj02", "bd09"]},
                  "query": {"type": "object", "required": ["lon", "lat"], "properties": {"lon": {"type": "number"}, "lat": {"type": "number"}}},
                  "zone": {"type": "string", "enum": ["urban", "rural", "mountain", "island"]},
                  "zoneSource": {"type": "string", "enum": ["request", "zone polygon", "island", "residences", "default"],
                    "description": "Where the zone came from: the zone parameter, a stored zone polygon, the land mass, the loaded residences of the location's cell, or load's default"},
                  "mode": {"type": "string", "enum": ["walk", "cycle", "drive"]},
                  "travelModel": {"type": "string", "description": "\"network (roads NAME)\" when the stored roads give the minutes; \"straight-line estimate\" (straight distance times the mode's circuity, at its speed) without stored roads or off the roads"},
                  "offRoad": {"type": "boolean", "description": "With stored roads only: the location lies farther than the access distance from every road of its mode, so the straight-line estimate answers"},
                  "cutoffMinutes": {"type": "number", "description": "With stored roads only: the road search stops here (the circle's minutes)"},
                  "dataset": {"type": "string"},
                  "stations": {"type": "array", "items": {"$ref": "#/components/schemas/Station"}}
                }
              },
              "Station": {
                "type": "object",
                "required": ["id", "name", "kinds", "level", "county", "countyName", "lon", "lat", "distanceMetres", "minutes", "travelModel", "withinCircle"],
                "properties": {
                  "id": {"type": "string"},
                  "name": {"type": "string"},
                  "kinds": {"type": "array", "items": {"type": "string"}},
                  "level": {"type": "string", "enum": ["province", "city", "county", "township", "village", "grid"]},
                  "county": {"type": ["string", "null"]},
                  "countyName": {"type": ["string", "null"]},
                  "lon": {"type": "number", "description": "In the asked crs"},
                  "lat": {"type": "number", "description": "In the asked crs"},
                  "distanceMetres": {"type": "number", "description": "Geodesic, on WGS84"},
                  "minutes": {"type": ["number", "null"], "description": "By the model of travelModel; null when the roads do not reach the station within cutoffMinutes"},
                  "travelModel": {"type": "string", "enum": ["network", "straight-line estimate"]},
                  "beyondCutoff": {"type": "boolean", "description": "With network minutes only: true when the station is not reached within cutoffMinutes"},
                  "withinCircle": {"type": "boolean"}
                }
              },
              "Runs": {"type": "object", "required": ["runs"], "properties": {"runs": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}}},
              "Run": {
                "type": "object",
                "required": ["id", "createdAt", "pointsDataset", "residencesDataset", "profile", "minutes", "kinds", "residents", "coveragePercent", "stale", "travelModel"],
                "properties": {
                  "id": {"type": "integer"},
                  "createdAt": {"type": "string", "format": "date-time"},
                  "pointsDataset": {"type": "string"},
                  "residencesDataset": {"type": "string"},
                  "profile": {"type": "string"},
                  "minutes": {"type": "number"},
                  "kinds": {"type": "array", "items": {"type": "string"}},
                  "residents": {"type": "number"},
                  "coveragePercent": {"type": ["number", "null"]},
                  "stale": {"type": "boolean"},
                  "travelModel": {"type": "string"}
                }
              },
              "Report": {
                "type": "object",
                "required": ["run", "counties", "total"],
                "properties": {
                  "run": {"type": "object", "required": ["profileName", "minutes", "kinds"]},
                  "counties": {"type": "array", "items": {"$ref": "#/components/schemas/County"}},
                  "total": {"$ref": "#/components/schemas/County"}
                }
              },
              "County": {
                "type": "object",
                "required": ["county", "residents"],
                "properties": {"county": {"type": "string"}, "countyName": {"type": "string"}, "residents": {"type": "number"}}
              },
              "FeatureCollection": {
                "type": "object",
                "required": ["type", "features"],
                "properties": {
                  "type": {"type": "string", "enum": ["FeatureCollection"]},
                  "features": {"type": "array", "items": {"$ref": "#/components/schemas/Feature"}}
                }
              },
              "Feature": {
                "type": "object",
                "required": ["type", "properties", "geometry"],
                "properties": {"type": {"type": "string", "enum": ["Feature"]}, "properties": {"type": "object"}, "geometry": {"type": ["object", "null"]}}
              }
            }
          }
        }
        """#
}
