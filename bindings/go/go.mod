module onlyoffice-jwt/bindings/go

go 1.19
