// Stub handler: GET, PUT and DELETE one note by id.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand, DeleteCommand } = require('@aws-sdk/lib-dynamodb');

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TABLE_NAME;

exports.handler = async (event) => {
  const noteId = event.pathParameters?.id;
  switch (event.requestContext.http.method) {
    case 'GET': {
      const { Item } = await db.send(new GetCommand({ TableName, Key: { noteId } }));
      return Item ? { statusCode: 200, body: JSON.stringify(Item) } : { statusCode: 404 };
    }
    case 'PUT':
      await db.send(new PutCommand({ TableName, Item: { noteId, body: event.body ?? '' } }));
      return { statusCode: 204 };
    case 'DELETE':
      await db.send(new DeleteCommand({ TableName, Key: { noteId } }));
      return { statusCode: 204 };
    default:
      return { statusCode: 405 };
  }
};
