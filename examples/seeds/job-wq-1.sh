# Seed 003, coarse parallel processing: RabbitMQ, a queue of 8 messages, one pod per message.
kubectl create -f rabbitmq-service.yaml
# kubesim does not simulate StatefulSets: this is the pod rabbitmq-statefulset.yaml would make.
kubectl create -f rabbitmq-pod.yaml
kubectl run -i --tty temp --image ubuntu:22.04
sim advance 30s
kubectl exec temp -- sh -c 'apt-get update && apt-get install -y curl ca-certificates amqp-tools python3 dnsutils'
kubectl exec temp -- nslookup rabbitmq-service
kubectl exec temp -- sh -c 'env | grep RABBITMQ_SERVICE | grep HOST'
kubectl exec temp -- /usr/bin/amqp-declare-queue --url=amqp://guest:guest@rabbitmq-service:5672 -q foo -d
kubectl exec temp -- /usr/bin/amqp-publish --url=amqp://guest:guest@rabbitmq-service:5672 -r foo -p -b Hello
kubectl exec temp -- sh -c '/usr/bin/amqp-consume --url=amqp://guest:guest@rabbitmq-service:5672 -q foo -c 1 cat && echo'
kubectl exec -i temp -- sh <<EOF
export BROKER_URL=amqp://guest:guest@rabbitmq-service:5672
/usr/bin/amqp-declare-queue --url=$BROKER_URL -q job1 -d
for f in apple banana cherry date fig grape lemon melon
do
  /usr/bin/amqp-publish --url=$BROKER_URL -r job1 -p -b $f
done
EOF
kubectl apply -f job-wq-1.yaml
sim advance 2m
kubectl get jobs
kubectl describe jobs/job-wq-1
kubectl logs -l job-name=job-wq-1
