// Shoppers' sign-in and (later) the OAuth 2.0 server for account linking.
// The commerce issue fills this folder; http/auth.ts calls verifySessionToken.
export {};
